// The form's stylesheet: phone first (360 px and up), large touch targets, no web fonts.
export const FORM_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
header{position:sticky;top:0;z-index:2;display:flex;justify-content:space-between;align-items:center;gap:.5rem;padding:.6rem .8rem;background:#1e4fa3;color:#fff}
.title{font-weight:600;font-size:1rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.status{font-size:.8rem;padding:.15rem .5rem;border-radius:1rem;background:#2e7d32;white-space:nowrap}
.status[data-state=saving]{background:#8a6d00}.status[data-state=offline],.status[data-state=unsaved],.status[data-state=invalid],.status[data-state=conflict]{background:#b3261e}
.progress{height:4px;background:#d0d7e2}.bar{height:4px;background:#2e7d32}
.progress-text{margin:.3rem .8rem 0;font-size:.8rem;color:#555}
.offer{margin:.4rem .8rem 0;font-size:.85rem;color:#444}.offer a{display:inline-block;min-height:44px;line-height:44px}
nav.sections{display:flex;flex-wrap:wrap;gap:.3rem;padding:.5rem .8rem}
nav.sections a{display:inline-flex;align-items:center;justify-content:center;min-width:2.75rem;min-height:2.75rem;padding:.35rem .6rem;border:1px solid #c5cbd3;border-radius:.4rem;color:#1e4fa3;background:#fff;text-decoration:none}
nav.sections a.done{border-color:#2e7d32;color:#2e7d32}nav.sections a.done::after{content:" ✓"}
nav.sections a.current{background:#1e4fa3;color:#fff;border-color:#1e4fa3}
main{padding:0 .8rem 5rem;max-width:48rem;margin:0 auto}
h1{font-size:1.15rem;margin:.6rem 0}h2{font-size:1rem}h3{font-size:1rem;margin:1rem 0 .2rem}
.hint{color:#555;font-size:.85rem;margin:.2rem 0}
textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #c5cbd3;border-radius:.4rem}
fieldset{border:1px solid #d0d7e2;border-radius:.5rem;margin:.8rem 0;padding:.6rem .7rem;background:#fff;min-width:0}
legend{float:left;width:100%;font-weight:600;padding:0;margin:0 0 .3rem}legend+*{clear:both}
.row2{padding:.3rem 0;border-top:1px solid #eef0f3}.row2:first-of-type{border-top:0}
.rowlabel{font-weight:600;text-align:left}
.pair{display:flex;justify-content:space-between;align-items:center;gap:.5rem;margin:.3rem 0}
.cell{display:inline-flex;flex-direction:column;align-items:flex-end}
input[data-path]{width:5.2rem;min-height:2.75rem;font:inherit;padding:.4rem;text-align:right;border:1px solid #c5cbd3;border-radius:.35rem}
.t3 input[data-path]{width:3.6rem}
input.bad{border-color:#b3261e;background:#fff4f4}
.norm{font-size:.75rem;color:#555;min-height:1em}.norm.bad{color:#b3261e}
output.total{display:inline-block;min-width:2.5rem;text-align:right;font-weight:600;color:#1e4fa3}
.scroll{overflow:auto;max-height:calc(100vh - 7rem);-webkit-overflow-scrolling:touch;border:1px solid #e1e5ea;background:#fff}
table.t3{border-collapse:separate;border-spacing:0;background:#fff;width:100%;font-size:.85rem}
.t3 th,.t3 td{border-right:1px solid #e1e5ea;border-bottom:1px solid #e1e5ea;padding:.25rem;vertical-align:top;background:#fff}
.t3 thead th{background:#eef2f8;position:sticky;top:0;z-index:2;font-size:.8rem;white-space:nowrap}
.t3 th.rowlabel{position:sticky;left:0;z-index:1;font-weight:400;font-size:.8rem;min-width:6.5rem;max-width:7.5rem;background:#fbfcfd;box-shadow:1px 0 0 #c5cbd3}
.t3 thead th:first-child{left:0;z-index:3;box-shadow:1px 0 0 #c5cbd3}
.t3 tr.group th{background:#f3f5f8;text-align:left;font-weight:600}
.t3 tr.group th span,.t3 .findings p{position:sticky;left:.3rem;display:inline-block;max-width:calc(100vw - 3rem)}
.findings{color:#b3261e;font-size:.85rem}.findings p{margin:.2rem 0}.findings .warn{color:#8a6d00}
.gate label,.columns label{display:inline-flex;align-items:center;gap:.4rem;margin:.2rem .8rem .2rem 0;min-height:2.75rem;min-width:2.75rem}
input[type=radio],input[type=checkbox]{width:1.25rem;height:1.25rem;margin:0}
.actions{display:flex;gap:.6rem;justify-content:flex-end;margin:1rem 0}
button,.button{font:inherit;padding:.6rem 1rem;border-radius:.45rem;border:1px solid #1e4fa3;background:#1e4fa3;color:#fff;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:#1e4fa3}button[disabled]{opacity:.5}
.alert{border:1px solid #b3261e;background:#fff4f4;border-radius:.5rem;padding:.4rem .8rem;margin:.6rem 0}
.box{background:#fff;border:1px solid #d0d7e2;border-radius:.5rem;padding:.5rem .8rem;margin:.8rem 0}
.box.errors{border-color:#b3261e}.box.warnings{border-color:#c59b00}.box.ok{border-color:#2e7d32}
.conflict{display:block;font-size:.8rem;color:#8a6d00;text-align:left;max-width:14rem}
.conflict button{font-size:.85rem;min-height:2.75rem;min-width:2.75rem;padding:.2rem .7rem;margin:.3rem .3rem 0 0}
.preview-frame{overflow-x:auto;margin:0 -.8rem;padding:0 .8rem}
.js .noscript-only{display:none}
[hidden]{display:none!important}
`;

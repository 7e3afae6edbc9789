// The form's stylesheet: phone first (360 px and up), large touch targets, no web fonts.
export const FORM_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
header{position:sticky;top:0;z-index:2;display:flex;justify-content:space-between;align-items:center;gap:.5rem;padding:.6rem .8rem;background:#1e4fa3;color:#fff}
.title{font-weight:600;font-size:1rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.status{font-size:.8rem;padding:.15rem .5rem;border-radius:1rem;background:#2e7d32;white-space:nowrap}
.status[data-state=saving]{background:#8a6d00}.status[data-state=offline],.status[data-state=unsaved]{background:#b3261e}
.progress{height:4px;background:#d0d7e2}.bar{height:4px;background:#2e7d32}
.progress-text{margin:.3rem .8rem 0;font-size:.8rem;color:#555}
nav.sections{display:flex;flex-wrap:wrap;gap:.3rem;padding:.5rem .8rem}
nav.sections a{min-width:2.4rem;padding:.35rem .5rem;text-align:center;border:1px solid #c5cbd3;border-radius:.4rem;color:#1e4fa3;background:#fff;text-decoration:none}
nav.sections a.done{border-color:#2e7d32;color:#2e7d32}nav.sections a.done::after{content:" ✓"}
nav.sections a.current{background:#1e4fa3;color:#fff;border-color:#1e4fa3}
main{padding:0 .8rem 5rem;max-width:48rem;margin:0 auto}
h1{font-size:1.15rem;margin:.6rem 0}h2{font-size:1rem}h3{font-size:1rem;margin:1rem 0 .2rem}
.hint{color:#555;font-size:.85rem;margin:.2rem 0}
textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #c5cbd3;border-radius:.4rem}
fieldset{border:1px solid #d0d7e2;border-radius:.5rem;margin:.8rem 0;padding:.5rem .7rem;background:#fff}
legend{font-weight:600;padding:0 .3rem}
.row2{padding:.3rem 0;border-top:1px solid #eef0f3}.row2:first-of-type{border-top:0}
.rowlabel{font-weight:600;text-align:left}
.pair{display:flex;justify-content:space-between;align-items:center;gap:.5rem;margin:.3rem 0}
.cell{display:inline-flex;flex-direction:column;align-items:flex-end}
input[data-path]{width:5.2rem;font:inherit;padding:.4rem;text-align:right;border:1px solid #c5cbd3;border-radius:.35rem}
.t3 input[data-path]{width:3.6rem}
input.bad{border-color:#b3261e;background:#fff4f4}
.norm{font-size:.75rem;color:#555;min-height:1em}.norm.bad{color:#b3261e}
output.total{display:inline-block;min-width:2.5rem;text-align:right;font-weight:600;color:#1e4fa3}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table.t3{border-collapse:collapse;background:#fff;width:100%;font-size:.85rem}
.t3 th,.t3 td{border:1px solid #e1e5ea;padding:.25rem;vertical-align:top}
.t3 thead th{background:#eef2f8;position:sticky;top:0}
.t3 th.rowlabel{font-weight:400;min-width:8rem;max-width:12rem}
.t3 tr.group th{background:#f3f5f8;text-align:left;font-weight:600}
.findings{color:#b3261e;font-size:.85rem}.findings p{margin:.2rem 0}.findings .warn{color:#8a6d00}
.gate label,.columns label{display:inline-flex;align-items:center;gap:.3rem;margin:.2rem .8rem .2rem 0;min-height:2.2rem}
.actions{display:flex;gap:.6rem;justify-content:flex-end;margin:1rem 0}
button,.button{font:inherit;padding:.6rem 1rem;border-radius:.45rem;border:1px solid #1e4fa3;background:#1e4fa3;color:#fff;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:#1e4fa3}button[disabled]{opacity:.5}
.alert{border:1px solid #b3261e;background:#fff4f4;border-radius:.5rem;padding:.4rem .8rem;margin:.6rem 0}
.box{background:#fff;border:1px solid #d0d7e2;border-radius:.5rem;padding:.5rem .8rem;margin:.8rem 0}
.box.errors{border-color:#b3261e}.box.warnings{border-color:#c59b00}.box.ok{border-color:#2e7d32}
.conflict{display:block;font-size:.8rem;color:#8a6d00;text-align:left;max-width:14rem}
.conflict button{font-size:.8rem;padding:.2rem .5rem;margin:.2rem .3rem 0 0}
.js .noscript-only{display:none}
[hidden]{display:none!important}
`;

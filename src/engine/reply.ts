// What the engine says, neutral of any platform: text plus rows of buttons that send back what a
// person would type. Channel adapters turn these into Telegram keyboards, cards or typed choices.
export interface Button {
  label: string;
  /** What pressing it sends, exactly as if typed. */
  data: string;
  /** The question it belongs to, so a press from an old message is never taken for the current one. */
  step?: { id: string; name: string };
  /** Ticks a choice rather than answering; platforms without buttons offer typing the numbers instead. */
  toggle?: boolean;
}

export interface Reply {
  text: string;
  buttons?: Button[][];
}

export const reply = (text: string, buttons?: Reply['buttons']): Reply =>
  buttons ? { text, buttons } : { text };

/** What a refund made after an order was exported does in an ERP: nothing (off), kept and shown (record), a credit note (book). */
export const REFUNDS_MODES = ["off", "record", "book"] as const;
export type RefundsMode = (typeof REFUNDS_MODES)[number];

/** A stored mode as one of the three; anything else is "record" (the default: nothing changes in the ERP by itself). */
export const refundsModeOf = (value: string | null | undefined): RefundsMode =>
  (REFUNDS_MODES as readonly string[]).includes(value ?? "") ? (value as RefundsMode) : "record";

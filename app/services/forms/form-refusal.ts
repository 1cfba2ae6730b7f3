/**
 * A form the service will not save as it is, for a reason the merchant can
 * act on (a name already taken, a country another ERP has): the message in
 * their words, and the field it belongs to ("form" for the whole form).
 */
export class FormRefusal extends Error {
  constructor(
    message: string,
    readonly field: string = "form",
  ) {
    super(message);
    this.name = "FormRefusal";
  }
}

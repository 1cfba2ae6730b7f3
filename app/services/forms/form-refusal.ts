/**
 * A form the service will not save as it is, for a reason the merchant can
 * act on (a name already taken, a country another ERP has): the message in
 * their words (by key, so each admin reads it in its language), and the field
 * it belongs to ("form" for the whole form).
 */
import { InvalidInputError } from "../errors";
import { englishOf, type MerchantText } from "../../i18n/merchant-message";

export class FormRefusal extends InvalidInputError {
  /** The message as the page writes it out in the merchant's language. */
  readonly said: MerchantText;
  constructor(message: MerchantText, field: string = "form") {
    super(englishOf(message), field);
    this.name = "FormRefusal";
    this.said = message;
  }
}

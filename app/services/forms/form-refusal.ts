/**
 * A form the service will not save as it is, for a reason the merchant can
 * act on (a name already taken, a country another ERP has): the message in
 * their words, and the field it belongs to ("form" for the whole form).
 */
import { InvalidInputError } from "../errors";

export class FormRefusal extends InvalidInputError {
  constructor(message: string, field: string = "form") {
    super(message, field);
    this.name = "FormRefusal";
  }
}

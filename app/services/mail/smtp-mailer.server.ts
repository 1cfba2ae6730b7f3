/**
 * Email through an SMTP server (nodemailer). Configured by PONTE_SMTP_URL
 * (smtp://user:password@host:port, or smtps://); the URL's password is
 * never logged or shown. With no URL there is no mailer, and alerts stay in
 * the admin.
 */
import nodemailer from "nodemailer";
import type { Environment } from "../config/environment";

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export const DEFAULT_ALERT_FROM = "Ponte <alerts@ponte.localhost>";

export function createSmtpMailer(url: string, from = DEFAULT_ALERT_FROM): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      try {
        await transport.sendMail({ from, ...message });
      } catch (error) {
        // nodemailer's messages name the host and the SMTP answer, never the URL's credentials.
        throw new Error(`the SMTP server did not take the email: ${(error as Error).message}`);
      }
    },
  };
}

/** The mailer the environment configures, or null. */
export function mailerFromEnvironment(env: Environment = process.env): Mailer | null {
  return env.PONTE_SMTP_URL ? createSmtpMailer(env.PONTE_SMTP_URL, env.PONTE_ALERT_FROM || DEFAULT_ALERT_FROM) : null;
}

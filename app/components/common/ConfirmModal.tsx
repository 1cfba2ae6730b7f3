/**
 * The question before a destructive or heavy action (delete a schedule or a price rule, remove an ERP, recalculate
 * every price, a full resync): Polaris' modal with the action and Cancel; the action closes it and then runs.
 */
import { Modal, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface ConfirmModalProps {
  open: boolean;
  title: string;
  /** The sentence that says what happens, or richer content. */
  body: ReactNode;
  /** The action's button: "Delete schedule". */
  confirm: string;
  destructive?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmModal({ open, title, body, confirm, destructive = false, onConfirm, onClose }: ConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={title}
      primaryAction={{
        content: confirm,
        destructive,
        onAction: () => {
          onClose();
          onConfirm();
        },
      }}
      secondaryActions={[{ content: t("common.cancel"), onAction: onClose }]}
    >
      <Modal.Section>{typeof body === "string" ? <Text as="p">{body}</Text> : body}</Modal.Section>
    </Modal>
  );
}

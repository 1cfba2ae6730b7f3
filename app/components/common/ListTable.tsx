/**
 * The admin's lists (jobs, schedules, runs, orders, stock changes, price
 * changes): one Polaris IndexTable, not selectable, a row per item and a
 * column per `ListColumn`, or Polaris' empty state when there is nothing to list.
 */
import { Box, EmptyState, IndexTable, Text } from "@shopify/polaris";
import type { IndexTableProps } from "@shopify/polaris";
import type { ReactNode } from "react";

export interface ListColumn<T> {
  title: string;
  /** A heading only screen readers read (the column of buttons). */
  hidden?: boolean;
  cell: (row: T, index: number) => ReactNode;
}

export interface ListTableProps<T> {
  resourceName: { singular: string; plural: string };
  rows: readonly T[];
  rowId: (row: T) => string;
  columns: ReadonlyArray<ListColumn<T>>;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
}

export function ListTable<T>({ resourceName, rows, rowId, columns, empty }: ListTableProps<T>) {
  if (rows.length === 0 && empty !== undefined) {
    // A sentence becomes Polaris' empty state; a page may give its own (with an action).
    return typeof empty === "string" ? <EmptyState heading={empty} image="" /> : <Box padding="400">{empty}</Box>;
  }
  const headings = columns.map((column) => ({ title: column.title, hidden: column.hidden })) as IndexTableProps["headings"];
  return (
    <IndexTable selectable={false} resourceName={resourceName} itemCount={rows.length} headings={headings}>
      {rows.map((row, index) => (
        <IndexTable.Row id={rowId(row)} key={rowId(row)} position={index}>
          {columns.map((column) => (
            <IndexTable.Cell key={column.title}>{column.cell(row, index)}</IndexTable.Cell>
          ))}
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}

/** The cell that names its row: in bold. */
export function RowName({ children }: { children: ReactNode }) {
  return (
    <Text as="span" fontWeight="semibold">
      {children}
    </Text>
  );
}

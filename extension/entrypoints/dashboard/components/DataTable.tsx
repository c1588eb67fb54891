import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n';
import { downloadCsv } from '../csv';
import type { Cell, Column, TableSpec } from './model';

const show = (c: Column, v: Cell) => (c.format ? c.format(v) : v === null ? '–' : String(v));

/** An extra last column of controls per row (e.g. drill down), never exported to CSV. */
export interface RowActions {
  label: string;
  cell: (rowIndex: number) => ComponentChildren;
}

/** A table of the dashboard, its caption naming it; numbers right-aligned. */
export function DataTable({ table, captionHidden = false, empty, actions }: { table: TableSpec; captionHidden?: boolean; empty?: string; actions?: RowActions }) {
  if (table.rows.length === 0) return <p class="muted">{empty ?? t('common.noRows')}</p>;
  return (
    <div class="table-scroll" tabIndex={0} role="group" aria-label={table.title}>
      <table id={`table-${table.id}`} data-table={table.id}>
        <caption class={captionHidden ? 'sr-only' : undefined}>{table.title}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th scope="col" key={c.label} class={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
            {actions && <th scope="col">{actions.label}</th>}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {table.columns.map((c, j) =>
                j === 0 ? (
                  <th scope="row" key={j}>
                    {show(c, r[j] ?? null)}
                  </th>
                ) : (
                  <td key={j} class={c.numeric ? 'num' : undefined}>
                    {show(c, r[j] ?? null)}
                  </td>
                ),
              )}
              {actions && <td>{actions.cell(i)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Download CSV" for one table. */
export function CsvButton({ table, onSaved }: { table: TableSpec; onSaved?: (name: string) => void }) {
  return (
    <button
      type="button"
      class="secondary small"
      data-csv={table.id}
      disabled={table.rows.length === 0}
      aria-label={t('common.downloadCsvOf', { table: table.title })}
      onClick={() => onSaved?.(downloadCsv(table))}
    >
      {t('common.downloadCsv')}
    </button>
  );
}

/** A chart with its numbers one click away ("Show table"), or always shown when `open`. */
export function WithTable({ table, children, csv = false, open: always = false }: { table: TableSpec; children: ComponentChildren; csv?: boolean; open?: boolean }) {
  const [open, setOpen] = useState(always);
  const id = `numbers-${table.id}`;
  return (
    <div class="with-table">
      {children}
      <div class="table-actions">
        {!always && (
          <button type="button" class="link" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
            {open ? t('common.hideTable') : t('common.showTable')}
          </button>
        )}
        {csv && <CsvButton table={table} />}
      </div>
      <div id={id} hidden={!open}>
        {open && <DataTable table={table} captionHidden />}
      </div>
    </div>
  );
}

import { format } from 'd3-format';
import { useState } from 'react';

export interface TableData {
  columns: string[];
  rows: (string | number | null)[][];
}

const fmt = format('.4~g');

/** The numbers behind a chart, as a table a screen reader can walk, shown on request. */
export function DataTable({ id, data }: { id: string; data: TableData }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="data-table">
      <button
        type="button"
        className="embed-button"
        aria-expanded={open}
        aria-controls={`${id}-data`}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide data' : 'Show data'}
      </button>
      {open && (
        <div className="data-table-wrap" id={`${id}-data`}>
          <table data-testid={`${id}-data`}>
            <thead>
              <tr>
                {data.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {v}
                      </th>
                    ) : (
                      <td key={j}>{v === null ? '—' : typeof v === 'number' ? fmt(v) : v}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

import { sig4 } from '../format';
import { useId, useState } from 'react';
import { drawable } from './drawable';
import './chart.css';

export interface TableData {
  columns: string[];
  rows: (string | number | null)[][];
}

/** The numbers behind a chart, as a table a screen reader can walk, shown on request. */
export function DataTable({ data }: { data: TableData }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="data-table">
      <button
        type="button"
        className="toolbar-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide data' : 'Show data'}
      </button>
      {open && (
        <div className="data-table-wrap" id={id}>
          <table>
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
                      <td key={j}>{typeof v === 'string' ? v : drawable(v) ? sig4(v) : '—'}</td>
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

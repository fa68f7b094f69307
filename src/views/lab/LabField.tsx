/**
 * The labelled inputs of the lab's forms (training settings, depth sweep): one place for the
 * markup, so every field is labelled the same way and greys out together while a run goes.
 */
import './lab.css';

interface FieldProps<V> {
  label: string;
  value: V;
  disabled: boolean;
  /** The raw text or option value; the form decides when to parse and clamp it. */
  onChange: (value: string) => void;
}

/** A whole-number input; `step` defaults to the browser's 1. */
export function NumberField({
  label,
  value,
  min,
  max,
  step,
  disabled,
  onChange,
}: FieldProps<number | string> & { min: number; max: number; step?: number }) {
  return (
    <label className="lab-field">
      {label}
      <input
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** A choice among `options`, each shown by its label. */
export function SelectField({
  label,
  value,
  options,
  disabled,
  onChange,
}: FieldProps<number | string> & {
  options: readonly { id: number | string; label: string }[];
}) {
  return (
    <label className="lab-field">
      {label}
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** One setting of a form, as a row of radio buttons. */
export function RadioChoices<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  disabled,
}: {
  legend: string;
  name: string;
  options: readonly { id: T; label: string }[];
  value: T;
  onChange: (id: T) => void;
  disabled: boolean;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="lab-options">
        {options.map((o) => (
          <label key={o.id}>
            <input
              type="radio"
              name={name}
              value={o.id}
              checked={value === o.id}
              onChange={() => onChange(o.id)}
              disabled={disabled}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

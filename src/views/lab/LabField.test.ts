import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NumberField, SelectField } from './LabField';

const noop = () => {};

describe('the lab form fields', () => {
  it('labels a number input with its bounds, and leaves out a step not given', () => {
    const field = {
      label: 'Seed',
      min: 0,
      max: 99999,
      value: '7',
      disabled: false,
      onChange: noop,
    };
    expect(renderToStaticMarkup(createElement(NumberField, field))).toBe(
      '<label class="lab-field">Seed<input type="number" min="0" max="99999" value="7"/></label>',
    );
  });

  it('shows each option by its label, the current value selected, greyed out while running', () => {
    const options = [
      { id: 'pre', label: 'pre-LN' },
      { id: 'post', label: 'post-LN' },
    ];
    const field = { label: 'LayerNorm', value: 'post', options, disabled: true, onChange: noop };
    const html = renderToStaticMarkup(createElement(SelectField, field));
    expect(html).toMatch(/^<label class="lab-field">LayerNorm<select disabled="">/);
    expect(html).toContain('<option value="pre">pre-LN</option>');
    expect(html).toContain('<option value="post" selected="">post-LN</option>');
  });
});

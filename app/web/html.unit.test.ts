import { describe, expect, it } from 'vitest';
import { html, raw } from './html.ts';

describe('html template', () => {
  it('GIVEN untrusted text THEN it is escaped in content and attributes', () => {
    const title = `<script>alert("x")</script> & 'quoted'`;
    const out = html`<a title="${title}">${title}</a>`.value;
    expect(out).not.toContain('<script>');
    expect(out).toBe(
      '<a title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;</a>',
    );
  });

  it('GIVEN nested templates, arrays and raw markup THEN they are inserted as markup', () => {
    const items = ['a<b', 'c'].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}</ul>${raw('<svg/>')}${null}${false}${0}`.value).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul><svg/>0',
    );
  });
});

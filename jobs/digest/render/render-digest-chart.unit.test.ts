import { describe, expect, it } from 'vitest';
import { scriptedInput } from '../../../domain/digest/__fixtures__/scripted-plan.ts';
import { buildDigest } from '../../../domain/digest/build-digest.ts';
import {
  CHART_WIDTH,
  chartHeight,
  escapeXml,
  renderDigestChartSvg,
  renderDigestPng,
} from './render-digest-chart.ts';

const model = buildDigest(scriptedInput());
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('renderDigestChartSvg', () => {
  it('GIVEN Vietnamese group titles with & THEN they appear escaped, with the as-of date and the legend', () => {
    const svg = renderDigestChartSvg(model, 'vi');
    expect(svg).toContain('I. NHÓM TIỆN ÍCH PHỤC VỤ GIẢI QUYẾT TTHC &amp; DVC');
    expect(svg).toContain('II. NHÓM TIỆN ÍCH PHÁT TRIỂN KINH TẾ - XÃ HỘI');
    expect(svg).toContain('III. Nhiệm vụ khác');
    expect(svg).not.toContain('TTHC & DVC');
    expect(svg).toContain('Số liệu tính đến 08:00 15/11/2024');
    expect(svg).toContain('Quá hạn');
    expect(svg.match(/fill="#d32f2f"/g)?.length).toBe(3);
  });

  it.each([
    ['<a & "b">', '&lt;a &amp; &quot;b&quot;&gt;'],
    ["Quý I'24", 'Quý I&apos;24'],
  ])('GIVEN %s THEN escapeXml gives %s', (raw, escaped) => {
    expect(escapeXml(raw)).toBe(escaped);
  });
});

describe('renderDigestPng', () => {
  it('GIVEN the digest THEN a PNG of the chart size comes out', () => {
    const png = renderDigestPng(model, 'vi');
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(CHART_WIDTH);
    expect(png.readUInt32BE(20)).toBe(chartHeight(3));
  });
});

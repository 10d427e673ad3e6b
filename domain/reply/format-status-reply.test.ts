import { describe, expect, it } from 'vitest';
import { formatStatusReply, type ReplyLineFields } from './format-status-reply.ts';

describe('formatStatusReply', () => {
  it.each<[string, ReplyLineFields, string]>([
    [
      'done, implied 100 left out',
      { taskCode: '12', status: 'done', progress: 100, result: null, blocker: null },
      '#12 xong',
    ],
    [
      'in progress with result',
      { taskCode: '12', status: 'in_progress', progress: 60, result: 'đã lắp 5/7 camera', blocker: null },
      '#12 đang 60% đã lắp 5/7 camera',
    ],
    [
      'in progress with blocker',
      { taskCode: null, status: 'in_progress', progress: 50, result: null, blocker: 'thiếu thiết bị' },
      'đang 50%, vướng: thiếu thiết bị',
    ],
    [
      'blocked with result first',
      { taskCode: '3', status: 'blocked', progress: 40, result: 'đã lắp 5/7', blocker: 'thiếu kinh phí' },
      '#3 40% đã lắp 5/7, vướng: thiếu kinh phí',
    ],
    [
      'blocked alone',
      { taskCode: '3', status: 'blocked', progress: null, result: null, blocker: null },
      '#3 vướng',
    ],
    [
      'not started, implied 0 left out',
      { taskCode: null, status: 'not_started', progress: 0, result: null, blocker: null },
      'chưa triển khai',
    ],
    [
      'waiting for central',
      { taskCode: '7', status: 'waiting_central', progress: null, result: null, blocker: null },
      '#7 chờ TW',
    ],
    [
      'done and maintained',
      { taskCode: null, status: 'done_maintained', progress: 100, result: null, blocker: null },
      'xong, duy trì',
    ],
  ])('GIVEN %s THEN the line is %j', (_name, fields, expected) => {
    expect(formatStatusReply(fields)).toBe(expected);
  });
});

import { expect, it } from 'vitest';
import { createStatusBacklog } from './status-backlog';

it('waits the plain time when no status of an earlier run arrives, and longer while they keep arriving', () => {
  let now = 100_000;
  const backlog = createStatusBacklog(now, () => now);
  expect(backlog.waitsUntil(now, 3_000)).toBe(103_000);
  backlog.saw(now + 2_000); // a status of this run's send: no reason to wait longer
  expect(backlog.waitsUntil(100_000, 3_000)).toBe(103_000);
  now = 102_500;
  backlog.saw(95_000); // redelivered from before the restart
  expect(backlog.waitsUntil(100_000, 3_000)).toBe(105_500);
  now = 200_000;
  backlog.saw(95_000);
  expect(backlog.waitsUntil(100_000, 3_000)).toBe(160_000);
});

it('does not stop waiting while a webhook is still being received: the status may be in it', () => {
  let now = 100_000;
  const backlog = createStatusBacklog(now, () => now);
  const answered = backlog.receiving();
  now = 110_000;
  expect(backlog.waitsUntil(100_000, 3_000)).toBe(113_000);
  answered();
  answered(); // a closed connection after the answer counts once
  expect(backlog.waitsUntil(100_000, 3_000)).toBe(103_000);
  const stuck = backlog.receiving();
  now = 200_000;
  expect(backlog.waitsUntil(100_000, 3_000)).toBe(160_000);
  stuck();
});

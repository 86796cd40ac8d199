import { expect, it } from 'vitest';
import { departmentsOf } from './departments';

it('reads departments typed on one line, without blanks or repeats', () => {
  expect(departmentsOf(' sales, support;;sales\nbilling ,')).toEqual(['sales', 'support', 'billing']);
});

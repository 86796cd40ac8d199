import { describe, expect, it } from 'vitest';
import { actionFor } from './shortcuts';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}) =>
  actionFor({ key, ctrlKey: Boolean(mods.ctrl), metaKey: Boolean(mods.meta), shiftKey: Boolean(mods.shift), altKey: false });

describe('actionFor', () => {
  it('maps undo and redo on Ctrl and ⌘', () => {
    expect([press('z', { ctrl: true }), press('Z', { meta: true, shift: true }), press('y', { ctrl: true })]).toEqual([
      'undo',
      'redo',
      'redo',
    ]);
  });

  it('maps the single keys', () => {
    expect([press('?', { shift: true }), press('Escape'), press('L', { shift: true }), press('!', { shift: true })]).toEqual([
      'help',
      'escape',
      'layout',
      'fit',
    ]);
  });

  it('ignores plain letters, so typing never triggers anything', () => {
    expect([press('l'), press('z'), press('1')]).toEqual([undefined, undefined, undefined]);
  });
});

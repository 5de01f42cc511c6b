import { describe, expect, it } from 'vitest';
import { focusKind, keyCommand, speedLabel, stepText } from './keys.ts';

describe('focusKind', () => {
  it('form fields keep their keys; buttons, links and summaries are clickable', () => {
    expect(focusKind({ tagName: 'INPUT' })).toBe('field');
    expect(focusKind({ tagName: 'select' })).toBe('field');
    expect(focusKind({ tagName: 'TEXTAREA' })).toBe('field');
    expect(focusKind({ tagName: 'DIV', isContentEditable: true })).toBe('field');
    expect(focusKind({ tagName: 'BUTTON' })).toBe('clickable');
    expect(focusKind({ tagName: 'A' })).toBe('clickable');
    expect(focusKind({ tagName: 'SUMMARY' })).toBe('clickable');
    expect(focusKind({ tagName: 'SECTION' })).toBe('other');
    // the island root (tabindex -1) is 'other'; a view's scrollable region (tabindex 0) keeps
    // its keys, so the arrows scroll it
    expect(focusKind({ tagName: 'SECTION', tabIndex: -1 })).toBe('other');
    expect(focusKind({ tagName: 'DIV', tabIndex: 0 })).toBe('field');
    expect(focusKind({ tagName: 'BUTTON', tabIndex: 0 })).toBe('clickable');
    expect(focusKind(null)).toBe('other');
  });
});

describe('keyCommand', () => {
  it('maps the arrows, Home, End and Space on the island itself', () => {
    expect(keyCommand('ArrowLeft', 'other')).toBe('back');
    expect(keyCommand('ArrowRight', 'other')).toBe('forward');
    expect(keyCommand('Home', 'other')).toBe('first');
    expect(keyCommand('End', 'other')).toBe('last');
    expect(keyCommand(' ', 'other')).toBe('toggle');
    expect(keyCommand('a', 'other')).toBeNull();
    expect(keyCommand('Enter', 'other')).toBeNull();
  });

  it('never takes keys from a field (the range input moves itself)', () => {
    for (const k of ['ArrowLeft', 'ArrowRight', 'Home', 'End', ' '])
      expect(keyCommand(k, 'field')).toBeNull();
  });

  it('lets Space click a focused button, but arrows still step from a button', () => {
    expect(keyCommand(' ', 'clickable')).toBeNull();
    expect(keyCommand('ArrowRight', 'clickable')).toBe('forward');
  });

  it('leaves keys with modifiers to the browser (Alt+Left is history back)', () => {
    expect(keyCommand('ArrowLeft', 'other', { alt: true })).toBeNull();
    expect(keyCommand('ArrowRight', 'other', { ctrl: true })).toBeNull();
    expect(keyCommand(' ', 'other', { shift: true })).toBeNull();
    expect(keyCommand('Home', 'other', { meta: true })).toBeNull();
  });
});

describe('labels', () => {
  it('counter and speeds read as in the contract', () => {
    expect(stepText(3, 12)).toBe('Step 3 of 12');
    expect([0.5, 1, 2, 4, 8].map(speedLabel)).toEqual(['0.5×', '1×', '2×', '4×', '8×']);
  });
});

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { RecsPanel, type RecsPanelProps } from './RecsPanel';

const items = [
  { thread: '2', title: '<img src=x onerror="window.__pwned=1">Running totals', url: 'https://f.example/t/2', tags: ['sql'], score: 1, reason: { kind: 'because_you_read' as const, ref: '1', refTitle: '窗口函数' } },
  { thread: '5', title: 'Weekly meetup', url: 'https://f.example/t/5', tags: [], score: 0.5, reason: { kind: 'popular_in_tag' as const, ref: 'meta', refTitle: null } },
];

function mount(props: Partial<RecsPanelProps>) {
  const box = document.createElement('div');
  document.body.append(box);
  const all: RecsPanelProps = {
    state: { status: 'ready', items },
    open: true,
    onToggle: vi.fn(),
    onShown: vi.fn(),
    onOpenThread: vi.fn(),
    onDismiss: vi.fn(),
    ...props,
  };
  act(() => render(<RecsPanel {...all} />, box));
  return { box, props: all };
}

describe('RecsPanel', () => {
  it('lists threads with their reasons, as text', () => {
    const { box, props } = mount({});
    const lis = box.querySelectorAll('li');
    expect(lis).toHaveLength(2);
    expect(lis[0]!.querySelector('a')!.textContent).toBe('<img src=x onerror="window.__pwned=1">Running totals');
    expect(box.querySelector('img')).toBeNull();
    expect(lis[0]!.querySelector('.reason')!.textContent).toBe('Because you read “窗口函数”');
    expect(lis[1]!.querySelector('.reason')!.textContent).toBe('Popular in #meta this week');
    expect(props.onShown).toHaveBeenCalledWith('2', 0);
    expect(props.onShown).toHaveBeenCalledWith('5', 1);
  });

  it('reports a click with its rank, and hides a dismissed thread', () => {
    const { box, props } = mount({});
    act(() => box.querySelector('a')!.click());
    expect(props.onOpenThread).toHaveBeenCalledWith('2', 'https://f.example/t/2', 0);
    act(() => (box.querySelectorAll('.dismiss')[1] as HTMLButtonElement).click());
    expect(props.onDismiss).toHaveBeenCalledWith('5', 1);
    expect(box.querySelectorAll('li')).toHaveLength(1);
  });

  it('collapses to a tab that says how many there are, and shows nothing on errors', () => {
    const { box, props } = mount({ open: false });
    expect(box.textContent).toBe('Recommended for you (2)');
    expect(props.onShown).not.toHaveBeenCalled();
    act(() => box.querySelector('button')!.click());
    expect(props.onToggle).toHaveBeenCalledWith(true);
    expect(mount({ state: { status: 'error', error: 'x' } }).box.textContent).toBe('');
  });
});

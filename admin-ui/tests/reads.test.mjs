// newest(): of two reads of one list, an older answer arriving after a newer one is not drawn over it; whileBusy(): a
// second click on "more" while its page is on the way fetches nothing. No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newest, whileBusy } from '../public/dom.js';

/** A loader as the areas write them, with answers the test releases in any order. */
function list() {
  const reads = newest();
  const drawn = [];
  const pending = [];
  const load = async () => {
    const isNewest = reads();
    const body = await new Promise((resolve) => pending.push(resolve));
    if (!isNewest()) return;
    drawn.push(body);
  };
  return { load, drawn, answer: (i, body) => pending[i](body) };
}

test('the read an area starts when it opens, answering after the read a save started, is dropped', async () => {
  const budgets = list();
  const opened = budgets.load();
  const saved = budgets.load();
  budgets.answer(1, ['spring-2026']);
  await saved;
  budgets.answer(0, []);
  await opened;
  assert.deepEqual(budgets.drawn, [['spring-2026']]);
});

test('answers in the order asked are each drawn, and a read after them is newest again', async () => {
  const budgets = list();
  const first = budgets.load();
  budgets.answer(0, ['a']);
  await first;
  const second = budgets.load();
  budgets.answer(1, ['a', 'b']);
  await second;
  assert.deepEqual(budgets.drawn, [['a'], ['a', 'b']]);
});

test('separate lists do not drop each other\'s answers', async () => {
  const budgets = list();
  const pools = list();
  const b = budgets.load();
  const p = pools.load();
  pools.answer(0, ['spring-coupons']);
  budgets.answer(0, ['spring-2026']);
  await Promise.all([b, p]);
  assert.deepEqual([budgets.drawn, pools.drawn], [[['spring-2026']], [['spring-coupons']]]);
});

test('"more" continues the read that drew the list: its page is dropped once a later read of the list has started', async () => {
  // As the member record's sections page: the first page starts a read, a further page goes on within it.
  const reads = newest();
  const drawn = [];
  const pending = [];
  const page = async (isNewest, items) => {
    const body = await new Promise((resolve) => pending.push(() => resolve(items)));
    if (!isNewest()) return;
    drawn.push(body);
  };
  const first = reads();
  const a1 = page(first, ['a1']);
  pending[0]();
  await a1;
  const a2 = page(first, ['a2']); // "more" on the first member's list
  const second = reads(); // another member opened before it answered
  const b1 = page(second, ['b1']);
  pending[2]();
  await b1;
  pending[1]();
  await a2;
  assert.deepEqual(drawn, [['a1'], ['b1']]);
  const b2 = page(second, ['b2']); // "more" on the second member's list, no later read started
  pending[3]();
  await b2;
  assert.deepEqual(drawn, [['a1'], ['b1'], ['b2']]);
});

test('a button busy with its read ignores a second click until the read settles, then takes the next one', async () => {
  const button = { attributes: {}, getAttribute(k) { return this.attributes[k] ?? null; }, setAttribute(k, v) { this.attributes[k] = v; },
    removeAttribute(k) { delete this.attributes[k]; } };
  const isBusy = () => button.attributes['aria-busy'] === 'true';
  const pages = [];
  let release;
  const click = whileBusy(button, () => new Promise((resolve) => { release = resolve; }).then((page) => pages.push(page)));
  const first = click();
  assert.equal(isBusy(), true);
  await click();
  release('page 2');
  await first;
  assert.deepEqual(pages, ['page 2'], 'one page fetched and appended, not two');
  assert.equal(isBusy(), false);
  const next = click();
  release('page 3');
  await next;
  assert.deepEqual(pages, ['page 2', 'page 3']);
  const failing = whileBusy(button, async () => { throw new Error('refused'); });
  await assert.rejects(failing(), /refused/);
  assert.equal(isBusy(), false, 'a failed read frees the button too');
});

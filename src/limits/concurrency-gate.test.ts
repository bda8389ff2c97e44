import assert from 'node:assert/strict';
import test from 'node:test';
import type { GatewayError } from '../errors/gateway-error.ts';
import { ConcurrencyGate } from './concurrency-gate.ts';

test('a slot is granted at once while free; then requests queue in order; a full queue refuses at once', () => {
  const gate = new ConcurrencyGate(1, 1, 10_000);
  const events: string[] = [];
  const first = gate.acquire(
    () => events.push('first'),
    () => events.push('first refused'),
  );
  const second = gate.acquire(
    () => events.push('second'),
    () => events.push('second refused'),
  );
  gate.acquire(
    () => events.push('third'),
    (error: GatewayError) => events.push(`third refused ${error.code} ${error.status}`),
  );
  assert.deepEqual(events, ['first', 'third refused GW_ERR_GATEWAY_BUSY 503']);
  assert.deepEqual([gate.inFlight, gate.queued], [1, 1]);
  first.release();
  first.release();
  assert.deepEqual(events.at(-1), 'second', 'the waiter takes the freed slot; a second release changes nothing');
  assert.deepEqual([gate.inFlight, gate.queued], [1, 0]);
  second.release();
  assert.equal(gate.inFlight, 0);
});

test('a queued request that waits past queue_timeout is refused; one whose client leaves gives its place up', async () => {
  const gate = new ConcurrencyGate(1, 5, 50);
  const held = gate.acquire(
    () => {},
    () => {},
  );
  const outcome = new Promise<string>((resolve) =>
    gate.acquire(
      () => resolve('granted'),
      (error) => resolve(error.message),
    ),
  );
  const leaving = gate.acquire(
    () => assert.fail('a request that left must not be granted'),
    () => {},
  );
  leaving.release();
  assert.equal(gate.queued, 1);
  assert.match(await outcome, /No request slot came free within 50 ms/);
  assert.equal(gate.queued, 0);
  held.release();
  assert.equal(gate.inFlight, 0);
});

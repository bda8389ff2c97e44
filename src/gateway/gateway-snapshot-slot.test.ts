import assert from 'node:assert/strict';
import test from 'node:test';
import type { GatewaySnapshot } from './gateway-snapshot.ts';
import { GatewaySnapshotSlot } from './gateway-snapshot-slot.ts';

/** Only identity matters to the slot. */
function fakeSnapshot(version: string): GatewaySnapshot {
  return { version } as unknown as GatewaySnapshot;
}

function slotWithLog(first: GatewaySnapshot) {
  const closed: string[] = [];
  const slot = new GatewaySnapshotSlot(first, async (snapshot) => {
    closed.push(snapshot.version);
  });
  return { slot, closed };
}

test('a replaced snapshot is closed when its last lease is released, not before', () => {
  const { slot, closed } = slotWithLog(fakeSnapshot('v1'));
  const first = slot.acquire();
  const second = slot.acquire();
  slot.swap(fakeSnapshot('v2'));
  assert.equal(slot.current.version, 'v2');
  assert.equal(first.snapshot.version, 'v1', 'a lease names the snapshot its request started with');
  slot.release(first);
  assert.deepEqual(closed, []);
  slot.release(second);
  assert.deepEqual(closed, ['v1']);
  assert.equal(slot.retiredCount, 0);
});

test('a replaced snapshot without requests is closed at the swap; the current one never by release', () => {
  const { slot, closed } = slotWithLog(fakeSnapshot('v1'));
  slot.release(slot.acquire());
  assert.deepEqual(closed, [], 'the current snapshot stays open at zero');
  slot.swap(fakeSnapshot('v2'));
  assert.deepEqual(closed, ['v1']);
});

test('closeAll closes the current and every replaced snapshot once, and a late release closes nothing again', async () => {
  const { slot, closed } = slotWithLog(fakeSnapshot('v1'));
  const stuck = slot.acquire();
  slot.swap(fakeSnapshot('v2'));
  const current = slot.acquire();
  await slot.closeAll();
  assert.deepEqual(closed.sort(), ['v1', 'v2']);
  slot.release(stuck);
  slot.release(current);
  assert.deepEqual(closed.sort(), ['v1', 'v2']);
});

test('a drained snapshot is closed knowing which snapshots are still open, so shared pools stay', async () => {
  const calls: string[] = [];
  const slot = new GatewaySnapshotSlot(fakeSnapshot('v1'), async (snapshot, stillOpen) => {
    calls.push(`${snapshot.version}:${stillOpen.map((open) => open.version).join(',')}`);
  });
  const onFirst = slot.acquire();
  slot.swap(fakeSnapshot('v2'));
  const onSecond = slot.acquire();
  slot.swap(fakeSnapshot('v3'));
  slot.release(onFirst);
  slot.release(onSecond);
  await slot.closeAll();
  assert.deepEqual(calls, ['v1:v3,v2', 'v2:v3', 'v3:']);
});

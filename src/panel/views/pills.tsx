/** State pills: connected green, connecting/reconnecting amber, disconnected red, destroyed dark. */
import type { InstanceConnectionState, SocketState } from '../../session/types';
import { usePanel } from './context';

export function StatePill({ state }: { state: InstanceConnectionState }) {
  const { s } = usePanel();
  return <span class={`pill pill-${state}`}>{s.states[state]}</span>;
}

export function SocketStatePill({ state }: { state: SocketState }) {
  const { s } = usePanel();
  return <span class={`pill pill-${state}`}>{s.socketStates[state]}</span>;
}

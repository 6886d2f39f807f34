/**
 * The Connections chart as SVG: a time axis, one lane per instance (its state as coloured segments, its sockets'
 * lifetimes beneath on as many tracks as overlap, its marks above), and the page's navigations across every lane.
 * Only what the window shows is drawn, one shape per pixel column at most (`projection.ts`).
 *
 * SVG rather than canvas: every shape is an element, so hover and click need no hit testing, tests read the lanes
 * as the user sees them (`data-state`, `data-from`…), and "save as SVG" is the chart's own markup. With shapes
 * bounded by the chart's width the DOM stays small at 100,000 events: the bench's first render of this view took
 * 35–46 ms and a zoom step 12–16 ms to next paint on a busy 2-core machine (`npm run bench -- --only=panel`).
 * No chart library: none draws state lanes without plugins, canvas ones (uPlot, Chart.js) would need the
 * hit testing and a second DOM for tests, and d3-zoom/d3-brush bring five packages that drive the DOM behind
 * Preact's back; the view's own code is about 18 KB minified.
 */
import type { JSX } from 'preact';
import type { ConnectionLanes, Lane, LaneMark, SocketSpan } from '../../../session/connection-lanes';
import {
  type DrawnMark,
  drawMarks,
  drawSegments,
  drawSockets,
  type TimeScale,
  tickLabel,
  timeTicks,
  xOf,
} from './projection';

export const LABEL_WIDTH = 180;
export const AXIS_HEIGHT = 22;
const BAR_Y = 8;
const BAR_HEIGHT = 14;
const TRACK_Y = 26;
const TRACK_HEIGHT = 4;
const TRACK_GAP = 2;
/** Sockets alive at once beyond this share the last track: a lane must not grow without bound. */
const MAX_TRACKS = 4;
const LANE_PADDING = 6;

export interface ChartLane {
  lane: Lane;
  sockets: SocketSpan[];
  /** As shown (masked when the mask is on). */
  account: string;
  detail: string;
}

export interface LaneChartProps {
  lanes: readonly ChartLane[];
  pageMarks: ConnectionLanes['pageMarks'];
  scale: TimeScale;
  /** The session's first event: `data-from`/`data-to` and the axis count from it. */
  origin: number;
  /** Where segments and sockets still going on stop: the session's latest event. */
  end: number;
  /** Kicks are disconnects too, drawn louder: the view tells which. */
  isKick(mark: LaneMark): boolean;
  /** The brushed span (the timeline's), and the one being dragged. */
  span?: { from: number; to: number };
  draft?: { from: number; to: number };
  label: string;
}

export function laneHeight(lane: ChartLane): number {
  const tracks = Math.min(MAX_TRACKS, Math.max(1, ...lane.sockets.map((socket) => socket.track + 1)));
  return TRACK_Y + tracks * (TRACK_HEIGHT + TRACK_GAP) + LANE_PADDING;
}

export function chartHeight(lanes: readonly ChartLane[]): number {
  return AXIS_HEIGHT + lanes.reduce((total, lane) => total + laneHeight(lane), 0);
}

export function LaneChart(props: LaneChartProps) {
  const { lanes, pageMarks, scale, origin, span, draft, label } = props;
  const width = LABEL_WIDTH + scale.width;
  const height = chartHeight(lanes);
  let y = AXIS_HEIGHT;
  const rows: JSX.Element[] = [];
  lanes.forEach((lane, position) => {
    const laneY = y;
    y += laneHeight(lane);
    rows.push(<LaneRow key={lane.lane.instanceId} {...props} lane={lane} y={laneY} zebra={position % 2 === 1} />);
  });
  return (
    <svg
      class="lanes-svg"
      data-testid="lanes"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <Axis scale={scale} origin={origin} height={height} />
      {rows}
      <g transform={`translate(${LABEL_WIDTH},0)`}>
        {drawMarks(pageMarks, scale).map((drawn) => (
          <PageMark key={drawn.mark.seq} drawn={drawn} height={height} origin={origin} />
        ))}
        {span && <SpanRect span={span} scale={scale} height={height} testId="lanes-brush" />}
        {draft && <SpanRect span={draft} scale={scale} height={height} testId="lanes-brush-draft" />}
      </g>
    </svg>
  );
}

function Axis({ scale, origin, height }: { scale: TimeScale; origin: number; height: number }) {
  const { step, ticks } = timeTicks(scale, origin);
  return (
    <g transform={`translate(${LABEL_WIDTH},0)`}>
      <rect class="lanes-axis" data-testid="lanes-axis" width={scale.width} height={AXIS_HEIGHT} />
      {ticks.map((tick) => (
        <g key={tick.offset}>
          <line class="lanes-grid" x1={tick.x} x2={tick.x} y1={AXIS_HEIGHT - 6} y2={height} />
          {tick.x < scale.width - 48 && (
            <text class="lanes-tick" x={tick.x + 3} y={14}>
              {tickLabel(tick.offset, step)}
            </text>
          )}
        </g>
      ))}
    </g>
  );
}

interface LaneRowProps extends LaneChartProps {
  lane: ChartLane;
  y: number;
  zebra: boolean;
}

function LaneRow({ lane, y, zebra, scale, origin, end, isKick }: LaneRowProps) {
  const { lane: model } = lane;
  const since = (t: number) => String(Math.round((t - origin) * 10) / 10);
  const last = model.segments[model.segments.length - 1];
  return (
    <g
      class={zebra ? 'lane zebra' : 'lane'}
      data-testid="lane"
      data-account={lane.account}
      data-instance={model.instanceId}
      data-state={last?.state}
      transform={`translate(0,${y})`}
    >
      <rect class="lane-bg" width={LABEL_WIDTH + scale.width} height={laneHeight(lane)} />
      <text class="lane-account" x={8} y={16}>
        {clip(lane.account, 24)}
      </text>
      <text class="lane-detail" x={8} y={30}>
        {clip(lane.detail, 30)}
      </text>
      <g transform={`translate(${LABEL_WIDTH},0)`}>
        {drawSegments(model.segments, scale, model.endedAt ?? end).map((segment) => (
          // Unkeyed: a zoom step redraws the same number of shapes or so, updated in place.
          <rect
            class={`lane-segment state-${segment.state}`}
            data-testid="lane-segment"
            data-state={segment.state}
            data-from={since(segment.from)}
            data-to={since(segment.to)}
            data-seq={segment.seq}
            data-count={segment.count}
            x={segment.x}
            y={BAR_Y}
            width={Math.max(1, segment.width)}
            height={BAR_HEIGHT}
          />
        ))}
        {drawSockets(lane.sockets, scale, end).map((drawn) => {
          const track = Math.min(MAX_TRACKS - 1, drawn.track);
          const { socket } = drawn.span;
          const state = socket.state === 'closing' ? 'closing' : drawn.span.to === undefined ? 'open' : 'closed';
          return (
            <rect
              key={drawn.span.id}
              class={`lane-socket socket-${state}`}
              data-testid="lane-socket"
              data-socket={drawn.span.id}
              data-seq={drawn.span.seq}
              data-count={drawn.count}
              x={drawn.x}
              y={TRACK_Y + track * (TRACK_HEIGHT + TRACK_GAP)}
              width={Math.max(1, drawn.width)}
              height={TRACK_HEIGHT}
              rx={1}
            />
          );
        })}
        {drawMarks(model.marks, scale).map(({ x, mark, count }) => (
          <path
            key={mark.seq}
            class={`lane-mark mark-${markClass(mark, isKick)}`}
            data-testid="lane-mark"
            data-kind={mark.kind}
            data-seq={mark.seq}
            data-count={count}
            d={`M${x - 4} 0h8l-4 6zM${x - 0.5} 6h1v${BAR_Y - 6 + BAR_HEIGHT}h-1z`}
          />
        ))}
      </g>
    </g>
  );
}

function PageMark({ drawn, height, origin }: { drawn: DrawnMark; height: number; origin: number }) {
  const { x, mark, count } = drawn;
  return (
    <g
      class={`page-mark mark-${mark.kind === 'page.navigate' ? 'navigate' : 'fault'}`}
      data-testid="lane-mark"
      data-kind={mark.kind}
      data-seq={mark.seq}
      data-count={count}
      data-at={Math.round((mark.t - origin) * 10) / 10}
    >
      <line x1={x} x2={x} y1={AXIS_HEIGHT} y2={height} />
      <path d={`M${x} ${AXIS_HEIGHT - 8}h7l-2 3 2 3h-7z`} />
    </g>
  );
}

function SpanRect(props: { span: { from: number; to: number }; scale: TimeScale; height: number; testId: string }) {
  const { span, scale, height, testId } = props;
  const x0 = Math.max(0, xOf(scale, span.from));
  const x1 = Math.min(scale.width, xOf(scale, span.to));
  if (x1 < 0 || x0 > scale.width) return null;
  return <rect class="lanes-brush" data-testid={testId} x={x0} y={0} width={Math.max(1, x1 - x0)} height={height} />;
}

function markClass(mark: LaneMark, isKick: (mark: LaneMark) => boolean): string {
  switch (mark.kind) {
    case 'sdk.getInstance':
      return 'get-instance';
    case 'sdk.disconnect':
      return isKick(mark) ? 'kick' : 'disconnect';
    case 'sdk.error':
      return 'error';
    case 'fault.start':
      return 'fault';
    case 'page.navigate':
      return 'navigate';
  }
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

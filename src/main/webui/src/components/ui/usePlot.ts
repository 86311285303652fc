import { useEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';

/**
 * A uPlot graph in the returned holder: made once from `makeOptions(holder)` (which may read the
 * theme's colours off it), resized with its holder, fed `data` whenever that changes, destroyed
 * with the component. The speed and DHT graphs share it.
 */
export function usePlot(makeOptions: (holder: HTMLElement) => uPlot.Options, data: uPlot.AlignedData, height: number):
  RefObject<HTMLDivElement | null> {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const make = useRef(makeOptions);

  useEffect(() => {
    const el = holder.current;
    if (el === null) return undefined;
    plot.current = new uPlot(make.current(el), [[], [], []], el);
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height }));
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return holder;
}

import { useEffect, useRef, useState } from 'react';
import { formatBytes } from '../../format';
import { getPieces } from './detailsApi';
import { decodeBitfield, downsample, paint, parseColor, type Rgb } from './pieces';
import { dt } from './strings';
import { useTopic } from './useTopic';

const MAP_HEIGHT = 64;
const FALLBACK_WIDTH = 600;
const HAVE: Rgb = [9, 105, 218];
const MISSING: Rgb = [208, 215, 222];

interface PieceState {
  readonly pieceCount: number;
  readonly havePieces: number;
  readonly have: string;
  /** Only the REST answer carries it; frames keep the last known. */
  readonly pieceLength?: number;
}

const fromFrame = (frame: PieceState): PieceState => ({
  pieceCount: frame.pieceCount,
  havePieces: frame.havePieces,
  have: frame.have,
});

/** The Pieces tab: a canvas map of verified pieces, one column per device pixel, and the counts. */
export function PiecesTab({ torrentId }: { torrentId: string }) {
  const { data, error } = useTopic<'pieces', PieceState>(torrentId, 'pieces', getPieces, fromFrame);
  const [pieceLength, setPieceLength] = useState(0);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cssWidth, setCssWidth] = useState(FALLBACK_WIDTH);

  useEffect(() => {
    if (data?.pieceLength !== undefined) setPieceLength(data.pieceLength);
  }, [data]);

  // Follow the canvas's laid-out width so the map is redrawn, not stretched, when the pane resizes.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry?.contentRect.width ?? 0);
      if (width > 0) setCssWidth(width);
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [data === null]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null || data === null) return;
    // Device pixels: crisp on HiDPI screens, where one CSS pixel is several.
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(cssWidth * dpr));
    const height = Math.max(1, Math.round(MAP_HEIGHT * dpr));
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    const style = getComputedStyle(canvas);
    const image = ctx.createImageData(width, height);
    const fractions = downsample(decodeBitfield(data.have), data.pieceCount, width);
    paint(image, fractions, parseColor(style.getPropertyValue('--accent'), HAVE), parseColor(style.getPropertyValue('--border'), MISSING));
    ctx.putImageData(image, 0, 0);
  }, [data, cssWidth]);

  if (data === null) return <p role={error === null ? 'status' : 'alert'}>{error ?? dt('detailsPane.loading')}</p>;
  const missing = data.pieceCount - data.havePieces;
  return (
    <div className="details-pieces">
      <canvas
        ref={canvasRef}
        className="details-pieces__map"
        role="img"
        aria-label={dt('detailsPane.pieces.map', { have: data.havePieces, count: data.pieceCount })}
        style={{ width: '100%', height: MAP_HEIGHT }}
      />
      <p className="details-pieces__legend">
        <span className="details-swatch details-swatch--have" aria-hidden="true" /> {dt('detailsPane.pieces.legendHave')}{' '}
        <span className="details-swatch details-swatch--missing" aria-hidden="true" /> {dt('detailsPane.pieces.legendMissing')}
      </p>
      <p>
        {dt('detailsPane.pieces.summary', {
          have: data.havePieces,
          count: data.pieceCount,
          missing,
          size: pieceLength > 0 ? formatBytes(pieceLength) : '–',
        })}
      </p>
    </div>
  );
}

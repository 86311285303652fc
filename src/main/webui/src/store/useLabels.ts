import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../context';
import type { LabelsState } from './labels';

/** The session's categories and tags, loaded on first use. */
export function useLabels(): LabelsState {
  const { labels } = useApp();
  useEffect(() => labels.ensure(), [labels]);
  return useStore(labels);
}

import { create } from 'zustand';
import { createEngineSlice, type EngineSlice } from './engineSlice';
import { createExplorerSlice, type ExplorerSlice } from './explorerSlice';
import { createLabSlice, type LabSlice } from './labSlice';
import { createRealModelSlice, type RealModelSlice } from './realModelSlice';

/** The one store of UI state, made of slices. Trace data lives apart, in traces.ts. */
export type AppState = ExplorerSlice & EngineSlice & LabSlice & RealModelSlice;

export const useApp = create<AppState>()((...a) => ({
  ...createExplorerSlice(...a),
  ...createEngineSlice(...a),
  ...createLabSlice(...a),
  ...createRealModelSlice(...a),
}));

export interface UpstreamField {
  name: string;
  type: string;
  type_oracle?: string;
  length?: string | number | null;
}
export declare const SNDS_TYPES: {
  physical: Record<string, string>;
  physicalOfLogical: Record<string, string>;
  number: { decimal: string; integerDigits: number; integer: string; wideInteger: string; undeclaredScaleLogicalTypes: string[]; undeclaredScale: string[] };
  notes: Record<string, string>;
};
export declare function sndsColumnType(upstream: UpstreamField, ourLength?: number): { types: string[]; physical: 'string' | 'number' | 'date'; why: string };

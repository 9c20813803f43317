/** Helpers over the protobufjs classes of `onnx-proto` (ONNX schema v1.10.2). */
import { onnx } from 'onnx-proto';
import type { DimSummary, ValueKind } from './types';

/** protobufjs decodes int64 fields as `Long` objects (the long package is installed) and others as numbers. */
type IntLike = number | { toNumber(): number } | null | undefined;

export function toNumber(value: IntLike): number | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'number' ? value : value.toNumber();
}

const ELEMENT_TYPES: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  14: 'complex64',
  15: 'complex128',
  16: 'bfloat16',
  17: 'float8e4m3fn',
  18: 'float8e4m3fnuz',
  19: 'float8e5m2',
  20: 'float8e5m2fnuz',
  21: 'uint4',
  22: 'int4',
  23: 'float4e2m1',
};

/** Returns the name of a TensorProto.DataType, e.g. 1 → `float32`. */
export function elementTypeName(code: number | null | undefined): string {
  if (!code) return 'undefined';
  return ELEMENT_TYPES[code] ?? `type ${code}`;
}

/** Deeper nesting than this is written as `…`, so a crafted type cannot recurse without end. */
const MAX_TYPE_DEPTH = 8;

export interface DescribedType {
  kind: ValueKind;
  elementType?: string;
  shape?: DimSummary[];
  text: string;
}

/** Describes an ONNX TypeProto in words, keeping the tensor element type and shape. */
export function describeType(type: onnx.ITypeProto | null | undefined, depth = 0): DescribedType {
  if (!type) return { kind: 'unknown', text: 'unknown' };
  if (depth > MAX_TYPE_DEPTH) return { kind: 'unknown', text: '…' };
  if (type.tensorType) {
    const elementType = elementTypeName(type.tensorType.elemType);
    const shape = type.tensorType.shape ? describeShape(type.tensorType.shape) : undefined;
    return {
      kind: 'tensor',
      elementType,
      shape,
      text: shape ? `${elementType}${formatShape(shape)}` : elementType,
    };
  }
  if (type.sequenceType) {
    return {
      kind: 'sequence',
      text: `sequence<${describeType(type.sequenceType.elemType, depth + 1).text}>`,
    };
  }
  if (type.mapType) {
    const key = elementTypeName(type.mapType.keyType);
    const value = describeType(type.mapType.valueType, depth + 1).text;
    return { kind: 'map', text: `map<${key}, ${value}>` };
  }
  if (type.optionalType) {
    return {
      kind: 'optional',
      text: `optional<${describeType(type.optionalType.elemType, depth + 1).text}>`,
    };
  }
  if (type.sparseTensorType) {
    const elementType = elementTypeName(type.sparseTensorType.elemType);
    return { kind: 'sparse-tensor', elementType, text: `sparse ${elementType}` };
  }
  return { kind: 'unknown', text: 'unknown' };
}

function describeShape(shape: onnx.ITensorShapeProto): DimSummary[] {
  return (shape.dim ?? []).map((dim) => {
    const value = toNumber(dim.dimValue as IntLike);
    if (dim.dimParam) return dim.dimParam;
    // protobufjs fills an unset dim_value with 0, which no real dimension has.
    return value !== undefined && value > 0 ? value : null;
  });
}

/** Writes a shape as `[1, 30]`, `[batch, 30]` or `[?, ?]`. */
export function formatShape(shape: readonly DimSummary[]): string {
  return `[${shape.map((dim) => (dim === null ? '?' : String(dim))).join(', ')}]`;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export function decodeText(bytes: Uint8Array | null | undefined): string {
  return bytes ? decoder.decode(bytes) : '';
}

/** Reads attributes by name, whichever of the scalar, list or tensor fields contains them. */
export class Attributes {
  private readonly byName = new Map<string, onnx.IAttributeProto>();

  constructor(attributes: readonly onnx.IAttributeProto[] | null | undefined) {
    for (const attribute of attributes ?? []) {
      if (attribute.name) this.byName.set(attribute.name, attribute);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  ints(name: string): number[] | undefined {
    const attribute = this.byName.get(name);
    if (!attribute) return undefined;
    if (attribute.ints?.length)
      return attribute.ints.map((value) => toNumber(value as IntLike) ?? 0);
    if (attribute.t) return tensorNumbers(attribute.t);
    return [];
  }

  floats(name: string): number[] | undefined {
    const attribute = this.byName.get(name);
    if (!attribute) return undefined;
    if (attribute.floats?.length) return [...attribute.floats];
    if (attribute.t) return tensorNumbers(attribute.t);
    return [];
  }

  strings(name: string): string[] | undefined {
    const attribute = this.byName.get(name);
    if (!attribute) return undefined;
    return (attribute.strings ?? []).map(decodeText);
  }

  string(name: string): string | undefined {
    const attribute = this.byName.get(name);
    return attribute?.s ? decodeText(attribute.s) : undefined;
  }

  int(name: string): number | undefined {
    const attribute = this.byName.get(name);
    return attribute ? toNumber(attribute.i as IntLike) : undefined;
  }
}

/**
 * Returns the values of a numeric TensorProto, as the `*_as_tensor` attributes of
 * ai.onnx.ml opset 3 and later store them: in the typed fields or little-endian raw bytes.
 */
export function tensorNumbers(tensor: onnx.ITensorProto): number[] {
  if (tensor.floatData?.length) return [...tensor.floatData];
  if (tensor.doubleData?.length) return [...tensor.doubleData];
  if (tensor.int64Data?.length)
    return tensor.int64Data.map((value) => toNumber(value as IntLike) ?? 0);
  if (tensor.int32Data?.length) return [...tensor.int32Data];
  const raw = tensor.rawData;
  if (!raw?.length) return [];
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const values: number[] = [];
  switch (tensor.dataType) {
    case onnx.TensorProto.DataType.FLOAT:
      for (let offset = 0; offset + 4 <= raw.byteLength; offset += 4)
        values.push(view.getFloat32(offset, true));
      break;
    case onnx.TensorProto.DataType.DOUBLE:
      for (let offset = 0; offset + 8 <= raw.byteLength; offset += 8)
        values.push(view.getFloat64(offset, true));
      break;
    case onnx.TensorProto.DataType.INT64:
      for (let offset = 0; offset + 8 <= raw.byteLength; offset += 8)
        values.push(Number(view.getBigInt64(offset, true)));
      break;
    case onnx.TensorProto.DataType.INT32:
      for (let offset = 0; offset + 4 <= raw.byteLength; offset += 4)
        values.push(view.getInt32(offset, true));
      break;
    case onnx.TensorProto.DataType.UINT8:
      return Array.from(raw);
    default:
      break;
  }
  return values;
}

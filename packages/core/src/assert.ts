/** Constructor of the error an assertion throws (TypeError for wrong types, RangeError for values out of range). */
export type ErrorConstructorLike = new (message: string) => Error;

/**
 * Throws `new ErrorType(message())` when `condition` is false. The message is built only on
 * failure, so hot callers pay nothing for an informative text.
 *
 * @param condition - what must hold
 * @param message - builds the message, conventionally `fn: arg must be …; got X`
 * @param ErrorType - error class to throw (default `Error`)
 * @example
 * ```ts
 * assert(k >= 1, () => `minimalRows: k must be a positive integer; got ${describe(k)}`, RangeError);
 * ```
 */
export function assert(
  condition: unknown,
  message: () => string,
  ErrorType: ErrorConstructorLike = Error,
): asserts condition {
  if (!condition) {
    throw new ErrorType(message());
  }
}

/**
 * Renders a value for an error message: strings quoted, numbers as written (NaN, -0 and
 * Infinity kept recognisable), arrays and objects shortened.
 *
 * @example
 * ```ts
 * describe(-0); // '-0'
 * describe('a'); // '"a"'
 * ```
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(length ${(value as unknown as ArrayLike<unknown>).length})`;
  if (Array.isArray(value)) {
    const head = value.slice(0, 8).map(describe).join(', ');
    return `[${head}${value.length > 8 ? `, … (${value.length} items)` : ''}]`;
  }
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  try {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}...` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Bounds for {@link assertInteger}; both inclusive. */
export interface IntegerBounds {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
}

/**
 * Asserts that `value` is a safe integer within `bounds`: TypeError when it is not a number,
 * RangeError when it is NaN, fractional or out of range. Messages name the function, the
 * argument and the value.
 *
 * @example
 * ```ts
 * assertInteger('minimalRows', 'N', n, { min: 1 });
 * ```
 */
export function assertInteger(
  fn: string,
  name: string,
  value: unknown,
  bounds: IntegerBounds = {},
): asserts value is number {
  assert(
    typeof value === 'number',
    () => `${fn}: ${name} must be a number; got ${describe(value)}`,
    TypeError,
  );
  const { min, max } = bounds;
  const range =
    min !== undefined && max !== undefined
      ? ` in [${min}, ${max}]`
      : min !== undefined
        ? ` >= ${min}`
        : max !== undefined
          ? ` <= ${max}`
          : '';
  assert(
    Number.isSafeInteger(value) && (min === undefined || value >= min) && (max === undefined || value <= max),
    () => `${fn}: ${name} must be an integer${range}; got ${describe(value)}`,
    RangeError,
  );
}

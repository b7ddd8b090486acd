// Own-property helpers for code that copies or revives untrusted objects, where "__proto__" is an
// ordinary key and must stay one.

export const hasOwn = Object.prototype.hasOwnProperty;

/** Sets a key as an own data property, even "__proto__" (plain assignment would set a prototype). */
export function setOwn(target: Record<PropertyKey, unknown>, key: string | number, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

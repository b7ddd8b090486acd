// The host's namespace validation for InMemoryStore (store/base `validateNamespace` with
// allowReservedRoot, plus memory's colon rule), same checks in the same order and the same
// messages, raising the host's own InvalidNamespaceError class (borrowed from its code).

type HostStoreClass = { prototype: { filterItems(op: { namespacePrefix: unknown }): unknown } };

/** Provokes the host's own validation once to get its error class (CJS and ESM have one each). */
function hostErrorClass(Base: HostStoreClass): new (message: string) => Error {
  const filterItems = Base.prototype.filterItems;
  if (typeof filterItems !== "function") throw new Error("the host InMemoryStore has no filterItems");
  try {
    filterItems.call({ data: new Map() }, { namespacePrefix: ["a.b"] });
  } catch (error) {
    if (error instanceof Error && error.name === "InvalidNamespaceError") {
      return error.constructor as new (message: string) => Error;
    }
  }
  throw new Error("the host InMemoryStore does not reject an invalid namespace as expected");
}

export function hostNamespaceValidator(Base: HostStoreClass): (namespace: string[]) => void {
  const InvalidNamespaceError = hostErrorClass(Base);
  return (namespace) => {
    if (namespace.length === 0) throw new InvalidNamespaceError("Namespace cannot be empty.");
    for (const label of namespace) {
      if (typeof label !== "string") {
        throw new InvalidNamespaceError(
          `Invalid namespace label '${label}' found in ${namespace}. Namespace labels must be strings, but got ${typeof label}.`,
        );
      }
      if (label.includes(".")) {
        throw new InvalidNamespaceError(
          `Invalid namespace label '${label}' found in ${namespace}. Namespace labels cannot contain periods ('.').`,
        );
      }
      if (label.includes(":")) {
        throw new InvalidNamespaceError(`Invalid namespace label '${label}'. Namespace labels cannot contain colons (':').`);
      }
      if (label.includes("\0")) throw new InvalidNamespaceError("Namespace labels cannot contain NUL bytes.");
      if (label === "") {
        throw new InvalidNamespaceError(`Namespace labels cannot be empty strings. Got ${label} in ${namespace}`);
      }
    }
    // InMemoryStore allows the reserved "langgraph" root; its own colon rule follows (never
    // reached after the label loop above, kept for the same `.some` TypeError on non-arrays).
    if ((namespace as string[]).some((label) => label.includes(":"))) {
      throw new InvalidNamespaceError(
        "Namespace labels cannot contain colons (':'), the InMemoryStore path separator.",
      );
    }
  };
}

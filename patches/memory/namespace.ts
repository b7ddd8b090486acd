// Namespace validation by the host's own code, so errors keep the host's class and message: the
// host's sync `filterItems` validates a non-empty prefix first, and we borrow its error class.

type HostStoreClass = { prototype: { filterItems(op: { namespacePrefix: unknown }): unknown } };

const NO_DATA = { data: new Map() };

export function hostNamespaceValidator(Base: HostStoreClass): (namespace: string[]) => void {
  const filterItems = Base.prototype.filterItems;
  if (typeof filterItems !== "function") throw new Error("the host InMemoryStore has no filterItems");
  let InvalidNamespaceError: (new (message: string) => Error) | undefined;
  try {
    filterItems.call(NO_DATA, { namespacePrefix: ["a.b"] });
  } catch (error) {
    if (error instanceof Error && error.name === "InvalidNamespaceError") {
      InvalidNamespaceError = error.constructor as new (message: string) => Error;
    }
  }
  if (!InvalidNamespaceError) throw new Error("the host InMemoryStore does not reject an invalid namespace as expected");
  const HostError = InvalidNamespaceError;
  return (namespace) => {
    // The host's validateNamespace checks emptiness first, with this message.
    if (namespace.length === 0) throw new HostError("Namespace cannot be empty.");
    filterItems.call(NO_DATA, { namespacePrefix: namespace });
  };
}

//! The classes a MessagePack blob may name, and what each becomes in JavaScript. Python LangGraph
//! names a class by (module, name) inside its ext types; only the pairs listed here are read, so a
//! forged name is an error, never a lookup or a constructor call.

/// Ext type codes of Python LangGraph's `jsonplus.py`.
pub const EXT_CONSTRUCTOR_SINGLE_ARG: i8 = 0;
pub const EXT_CONSTRUCTOR_POS_ARGS: i8 = 1;
pub const EXT_CONSTRUCTOR_KW_ARGS: i8 = 2;
pub const EXT_METHOD_SINGLE_ARG: i8 = 3;
pub const EXT_PYDANTIC_V1: i8 = 4;
pub const EXT_PYDANTIC_V2: i8 = 5;
pub const EXT_NUMPY_ARRAY: i8 = 6;
pub const EXT_DELTA_SNAPSHOT: i8 = 7;

/// The method our own message records carried in place of Python's "model_validate_json" (shims
/// up to 160026d; later ones write ext 33): their fields are the JavaScript record's kwargs
/// exactly, to be read back without Python's clean-up. (Our blobs are for langgraph-native to
/// read: their string references, ext 32, are ours.)
pub const OWN_MESSAGE_METHOD: &str = "langgraph_native";

/// LangChain message classes: (Python module, class name). The class name is also the last
/// element of the JavaScript record id `["langchain_core", "messages", name]`.
const MESSAGE_CLASSES: &[(&str, &str)] = &[
    ("langchain_core.messages.human", "HumanMessage"),
    ("langchain_core.messages.human", "HumanMessageChunk"),
    ("langchain_core.messages.ai", "AIMessage"),
    ("langchain_core.messages.ai", "AIMessageChunk"),
    ("langchain_core.messages.tool", "ToolMessage"),
    ("langchain_core.messages.tool", "ToolMessageChunk"),
    ("langchain_core.messages.system", "SystemMessage"),
    ("langchain_core.messages.system", "SystemMessageChunk"),
    ("langchain_core.messages.chat", "ChatMessage"),
    ("langchain_core.messages.chat", "ChatMessageChunk"),
    ("langchain_core.messages.function", "FunctionMessage"),
    ("langchain_core.messages.function", "FunctionMessageChunk"),
    ("langchain_core.messages.modifier", "RemoveMessage"),
];

/// The Python module of a LangChain message class, when it is one we read.
pub fn message_module(name: &str) -> Option<&'static str> {
    MESSAGE_CLASSES
        .iter()
        .find(|(_, class)| *class == name)
        .map(|(module, _)| *module)
}

/// Whether (module, name) is a message class we read.
pub fn is_message_class(module: &str, name: &str) -> bool {
    MESSAGE_CLASSES
        .iter()
        .any(|(m, n)| *m == module && *n == name)
}

/// Python classes written as ext 0 whose single argument is a string read as is.
pub const STRING_VALUED: &[(&str, &str)] = &[
    ("decimal", "Decimal"),
    ("ipaddress", "IPv4Address"),
    ("ipaddress", "IPv4Interface"),
    ("ipaddress", "IPv4Network"),
    ("ipaddress", "IPv6Address"),
    ("ipaddress", "IPv6Interface"),
    ("ipaddress", "IPv6Network"),
    ("zoneinfo", "ZoneInfo"),
];

/// pathlib classes (ext 1 with the path's parts).
pub const PATH_CLASSES: &[&str] = &[
    "Path",
    "PosixPath",
    "WindowsPath",
    "PurePath",
    "PurePosixPath",
    "PureWindowsPath",
];

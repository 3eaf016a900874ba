/** YAML workspace definitions: the component, the loader, and what `pull` and the schemas share. */
export { ConvaiWorkspace, type ConvaiWorkspaceArgs, type WorkspaceIds } from "./component";
export { formatProblem, type Problem, WorkspaceDefinitionError } from "./errors";
export { FILE_KIND_NAMES, FILE_KINDS, type FileKind, type Profile } from "./kinds";
export { type Definition, type LoadOptions, loadDefinitions } from "./loader";

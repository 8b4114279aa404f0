/**
 * Commands a client may carry out for the language server's code actions. A client lists the
 * ones it has in `initializationOptions.clientCommands`; the server offers an action that needs
 * one only to a client that has it (other editors get no action they cannot run).
 */
/** Opens a rule's bundled documentation page. Arguments: the rule id. */
export const SHOW_RULE_DOCS_COMMAND = 'kube-tls-lint.showRuleDocumentation';
/** Sets `kubeTlsLint.rules.<rule>` to `off` in the workspace settings. Arguments: the rule id, the URI of the document asked about. */
export const TURN_OFF_IN_SETTINGS_COMMAND = 'kube-tls-lint.turnOffRuleInSettings';

package store

// OpPermissions maps each operation kind to the roles the team hub lets make
// it. For now every role may make every kind: the hub's checks are wired, the
// matrix itself comes with the operation-kind registry, which replaces this
// file.
func OpPermissions() map[string][]string {
	all := []string{"admin", "manager", "support", "sales"}
	kinds := []string{
		OpWorkspaceInit, OpUserSave, OpCatalogSave, OpContactSave,
		OpTicketCreate, OpTicketSet, OpSubjectAdd, OpSubjectRemove, OpAssigneeAdd, OpAssigneeRemove,
		OpNote, OpAttach, OpDetach,
		OpTemplateSave, OpTemplateDelete, OpRuleSave, OpViewSave, OpViewDelete,
		OpTaskCreate, OpTaskEdit, OpTaskComplete, OpTaskReopen, OpSLASave,
	}
	m := make(map[string][]string, len(kinds))
	for _, k := range kinds {
		m[k] = append([]string(nil), all...)
	}
	return m
}

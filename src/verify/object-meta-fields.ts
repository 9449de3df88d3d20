/** Kubernetes ObjectMeta fields the user sets (the rest are filled in by the API server); patches may write only these. */
export const USER_SET_OBJECT_META_FIELDS = [
  'name',
  'generateName',
  'namespace',
  'labels',
  'annotations',
  'finalizers',
  'ownerReferences',
];

/** Kubernetes ObjectMeta fields a manifest may set (the API server's own type). */
export const OBJECT_META_FIELDS = [
  ...USER_SET_OBJECT_META_FIELDS,
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
];

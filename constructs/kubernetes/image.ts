/**
 * A container image pinned by digest or by an explicit tag, never by `latest` or no tag.
 *
 * The factories never throw: a construct that is given an `Image` reports its `problem` as a
 * `PavedValidationError` that names the construct and the prop.
 */
export class Image {
  /**
   * An image pinned by its content digest, `repo@sha256:<digest>`: the same bytes run everywhere.
   * @param repository registry and repository, without tag or digest
   * @param digest `sha256:` followed by 64 hex characters (the prefix may be left out)
   */
  public static fromDigest(repository: string, digest: string): Image {
    const hex = digest.replace(/^sha256:/, '');
    const problem = repositoryProblem(repository) ?? (/^[a-f0-9]{64}$/.test(hex) ? undefined
      : `the digest must be 'sha256:' followed by 64 lowercase hex characters (got '${digest}'); copy it from the registry.`);
    return new Image(repository, `${repository}@sha256:${hex}`, true, problem);
  }

  /**
   * An image pinned by a tag, `repo:tag`.
   * @param repository registry and repository, without tag or digest
   * @param tag an explicit version tag; `latest` and the empty tag are refused
   */
  public static fromTag(repository: string, tag: string): Image {
    const problem = repositoryProblem(repository) ?? (tag !== 'latest' && /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag) ? undefined
      : `the tag must be an explicit version such as '1.4.2' or a commit SHA, not 'latest' or empty (got '${tag}'), so that what runs cannot change under a deployment; or use Image.fromDigest().`);
    return new Image(repository, `${repository}:${tag}`, false, problem);
  }

  private constructor(
    /** Registry and repository, without tag or digest. */
    public readonly repository: string,
    /** The full reference written into the Pod spec. */
    public readonly reference: string,
    /** Whether the reference pins a digest (immutable) rather than a tag. */
    public readonly pinnedByDigest: boolean,
    /** What is wrong with the reference, if anything. */
    public readonly problem?: string,
  ) {}
}

function repositoryProblem(repository: string): string | undefined {
  return /^[a-z0-9]+([._-]+[a-z0-9]+|\/[a-z0-9]+|:\d+\/[a-z0-9]+)*$/.test(repository) ? undefined
    : `the repository must be a registry path such as '111111111111.dkr.ecr.eu-west-1.amazonaws.com/checkout', without tag or digest (got '${repository}').`;
}

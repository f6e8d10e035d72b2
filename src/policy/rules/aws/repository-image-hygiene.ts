import { TerraformRule } from '../../rule';
import { blocks } from '../terraform-values';

export const repositoryImageHygiene: TerraformRule = {
  id: 'PAVED-AWS-ECR-001',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_ecr_repository'],
  title: 'Container repositories have immutable tags and scan images on push.',
  rationale: 'A mutable tag can be repointed to an image nobody reviewed; scanning finds known vulnerabilities before deployment.',
  fix: 'Use the ContainerRepository construct, or set image_tag_mutability = "IMMUTABLE" and image_scanning_configuration.scan_on_push = true.',
  check: (repository) => {
    const problems: string[] = [];
    if (repository.config.image_tag_mutability !== 'IMMUTABLE') {
      problems.push(`tags are ${JSON.stringify(repository.config.image_tag_mutability ?? 'MUTABLE')}`);
    }
    if (!blocks(repository.config.image_scanning_configuration).some((s) => s.scan_on_push === true)) {
      problems.push('images are not scanned on push');
    }
    return problems;
  },
};

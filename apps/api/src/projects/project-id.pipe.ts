import { Injectable, type PipeTransform } from '@nestjs/common';
import { problem } from '../http/problem.js';
import { projectIdPattern } from './id-patterns.js';


/** A project id from the path: letters, digits, "_", "." and "-", up to 100 characters. */
@Injectable()
export class ProjectIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!projectIdPattern.test(value)) {
      throw problem(400, 'validation', 'Invalid request', `"${value}" is not a project id`, {
        errors: [{ field: 'id', constraints: ['id must be 1–100 letters, digits, "_", "." or "-"'] }],
      });
    }
    return value;
  }
}

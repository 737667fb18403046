import { proposalBody, projectCount, toExecuting } from './workload.js';

/** In-flight setup requests; enough to keep group commit busy, so setup takes seconds, not minutes. */
const setupConcurrency = 32;

async function post(url: string, token: string, body: unknown): Promise<{ projectId: string; stage: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { projectId: string; stage: string };
  if (!response.ok) throw new Error(`setup: POST ${url} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** Takes 1,000 projects through the api from proposal to the executing stage; returns their ids. */
export async function setUpProjects(baseUrl: string, departmentToken: string, financeToken: string): Promise<string[]> {
  const ids: string[] = new Array(projectCount);
  let claimed = 0;
  const worker = async () => {
    for (let n = claimed++; n < projectCount; n = claimed++) {
      const { projectId } = await post(`${baseUrl}/api/v1/projects`, departmentToken, proposalBody);
      let stage = '';
      for (const step of toExecuting) {
        const token = step.role === 'department' ? departmentToken : financeToken;
        ({ stage } = await post(`${baseUrl}/api/v1/projects/${encodeURIComponent(projectId)}/${step.path}`, token, step.body));
      }
      if (stage !== 'executing') throw new Error(`setup: project ${projectId} ended in stage ${stage}`);
      ids[n] = projectId;
    }
  };
  await Promise.all(Array.from({ length: setupConcurrency }, worker));
  return ids;
}

import { proposalBody, projectCount, toExecuting } from './workload.js';

/** In-flight setup requests; enough to keep group commit busy, so setup takes seconds, not minutes. */
const setupConcurrency = 32;

async function post(url: string, token: string, body: unknown): Promise<{ projectId: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { projectId: string };
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
      const path = `${baseUrl}/api/v1/projects/${encodeURIComponent(projectId)}`;
      for (const step of toExecuting) {
        await post(`${path}/${step.path}`, step.role === 'department' ? departmentToken : financeToken, step.body);
      }
      // A command answers with its events; the stage is read from the project itself.
      const { stage } = (await (await fetch(path, { headers: { authorization: `Bearer ${financeToken}` } })).json()) as { stage: string };
      if (stage !== 'executing') throw new Error(`setup: project ${projectId} ended in stage ${stage}`);
      ids[n] = projectId;
    }
  };
  await Promise.all(Array.from({ length: setupConcurrency }, worker));
  return ids;
}

/** Sends one raw Anthropic Messages request to the loopback mock (bench-only; adapters use the SDK). */
export async function postMessages(
  baseUrl: string,
  persona: string,
  body: Record<string, unknown>,
): Promise<unknown> {
  const response = await fetch(`${baseUrl}/v1/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-infrakit-persona': persona,
      'x-api-key': 'bench-dummy',
      'anthropic-version': '2023-06-01',
    },
    body: JSON.stringify({ model: 'bench-mock', max_tokens: 8192, ...body }),
  });
  if (!response.ok) throw new Error(`mock answered ${response.status}: ${await response.text()}`);
  return response.json();
}

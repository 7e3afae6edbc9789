// The form's one way to the server: a JSON POST by XMLHttpRequest (old in-app browsers lack
// fetch), with a timeout; status 0 means the connection failed.
export function post(url: string, body: unknown, done: (status: number, json: any) => void): void {
  const xhr = new XMLHttpRequest();
  xhr.open('POST', url);
  xhr.setRequestHeader('Content-Type', 'application/json');
  xhr.timeout = 15000;
  xhr.onload = () => {
    let json: unknown = null;
    try {
      json = JSON.parse(xhr.responseText);
    } catch {
      /* not JSON */
    }
    done(xhr.status, json);
  };
  xhr.onerror = xhr.ontimeout = () => done(0, null);
  xhr.send(JSON.stringify(body));
}

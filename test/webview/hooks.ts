import { openRenderPage, type RenderPage } from './page';

/** Opens the test page before the suite and closes it after; returns a getter for it. */
export function useRenderPage(): () => RenderPage {
  let current: RenderPage | undefined;
  before(async function () {
    this.timeout(120_000);
    current = await openRenderPage();
  });
  after(async () => {
    await current?.close();
  });
  return () => {
    if (!current) throw new Error('the render page is not open');
    return current;
  };
}

import { badRequest } from '../errors.ts';
import { optString } from '../params.ts';
import { type MethodHandler, ok } from '../state.ts';

const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** Where a stored file is served: `<apiRoot>/file/bot<token>/<file_path>`. */
export function filePathOf(fileId: string, filename: string): string {
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(filename)?.[0] ?? '';
  return `documents/${fileId}${extension}`;
}

/** getFile: a File object with the path to download the bytes from (files of users and of the bot). */
export const getFile: MethodHandler = ({ params, state }) => {
  const fileId = optString(params, 'file_id');
  const file = fileId ? state.files.get(fileId) : undefined;
  if (!file?.upload) throw badRequest('invalid file_id');
  // The Bot API serves downloads of at most 20 MB; getFile refuses larger files.
  if (file.upload.size > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
  return ok({
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.upload.size,
    file_path: filePathOf(file.fileId, file.upload.filename),
  });
};

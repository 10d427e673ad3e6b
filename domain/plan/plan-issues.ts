import { snippet, taskCodeNumber } from './plan-cell-text.ts';
import type { PlanIssue } from './plan-table.ts';

/**
 * Messages shown to the secretariat when a plan table is imported. Each says what is wrong, where, and
 * what to do, in Vietnamese (messageEn for logs and English speakers).
 */

function issue(
  at: { code?: string | null; line?: number | null; column?: string | null },
  message: string,
  messageEn: string,
): PlanIssue {
  return {
    row: taskCodeNumber(at.code ?? null),
    line: at.line ?? null,
    column: at.column ?? null,
    message,
    messageEn,
  };
}

const list = (items: readonly string[]): string => items.map((i) => `“${i}”`).join(', ');

/** The file has no text at all. */
export function emptyFileError(): PlanIssue {
  return issue(
    {},
    'Tệp trống, không có nội dung để nhập. Hãy gửi tệp có bảng phụ lục (STT, nội dung nhiệm vụ, cơ quan chủ trì, ...).',
    'The file is empty. Send a file that contains the appendix table (STT, task, lead agency, ...).',
  );
}

/** The file looks binary (a .doc, .pdf or image sent as text). */
export function binaryFileError(): PlanIssue {
  return issue(
    {},
    'Tệp không phải văn bản đọc được (có vẻ là tệp nhị phân hoặc sai bảng mã). Hãy lưu bảng thành .xlsx, .csv hoặc văn bản .txt (UTF-8, các ô cách nhau bằng Tab) rồi gửi lại.',
    'The file is not readable text (binary or wrong encoding). Save the table as .xlsx, .csv or UTF-8 .txt with tab-separated cells and send it again.',
  );
}

/** No row of the file reads as the table header. */
export function noHeaderError(): PlanIssue {
  return issue(
    {},
    'Không tìm thấy dòng tiêu đề của bảng (ví dụ: STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành). Hãy kiểm tra tệp có chứa bảng phụ lục kèm dòng tiêu đề cột.',
    'No table header row was found (e.g. STT | Task | Lead agency | Cooperating agencies | Deadline). Check that the file contains the appendix table with its header row.',
  );
}

/** The header lacks a required column. */
export function missingColumnError(
  line: number,
  missing: 'title' | 'lead',
  headers: readonly string[],
): PlanIssue {
  const vi =
    missing === 'lead' ? '“Cơ quan chủ trì” (hoặc “Đơn vị chủ trì”)' : '“Nội dung nhiệm vụ” (hoặc “Mô hình”)';
  const en = missing === 'lead' ? '"Cơ quan chủ trì" (lead agency)' : '"Nội dung nhiệm vụ" (task)';
  return issue(
    { line },
    `Bảng sai cột: thiếu cột ${vi}. Các cột đọc được: ${list(headers)}. Hãy thêm cột hoặc sửa tên cột ở dòng tiêu đề rồi gửi lại.`,
    `Wrong columns: the table has no ${en} column. Columns found: ${list(headers)}. Add the column or fix the header and send again.`,
  );
}

/** The header has no STT column: rows were numbered in order. */
export function noCodeColumnWarning(line: number): PlanIssue {
  return issue(
    { line },
    'Bảng không có cột STT nên các nhiệm vụ được đánh số theo thứ tự dòng. Nếu văn bản có số thứ tự riêng, hãy thêm cột STT.',
    'The table has no STT column, so tasks were numbered in row order. Add an STT column if the document has its own numbering.',
  );
}

/** Two header cells name the same column: the later one is ignored. */
export function duplicateColumnWarning(line: number, header: string): PlanIssue {
  return issue(
    { line, column: header },
    `Cột “${header}” trùng ý nghĩa với một cột trước đó nên bị bỏ qua. Nếu cần dùng cột này, hãy đổi tên cột kia.`,
    `Column "${header}" means the same as an earlier column and was ignored. Rename one of them if both are needed.`,
  );
}

/** The table has no deadline column. */
export function noDeadlineColumnWarning(line: number): PlanIssue {
  return issue(
    { line },
    'Bảng không có cột thời hạn (“Thời gian hoàn thành”, “Thời hạn”, “Tiến độ”), nên chưa thể nhắc hạn cho các nhiệm vụ.',
    'The table has no deadline column ("Thời gian hoàn thành"), so no deadline reminders can be scheduled.',
  );
}

/** A task row has fewer cells than the header (cut-off file or broken row). */
export function incompleteRowError(code: string, line: number, missingHeaders: readonly string[]): PlanIssue {
  return issue(
    { code, line, column: missingHeaders[0] ?? null },
    `Dòng STT ${code} (dòng ${line} trong tệp) bị thiếu ô: ${list(missingHeaders)}. Có thể tệp bị cắt ngang hoặc dòng bị vỡ khi sao chép; hãy đối chiếu bản gốc, bổ sung các ô còn thiếu rồi gửi lại.`,
    `Row ${code} (line ${line}) is missing cells: ${list(missingHeaders)}. The file may be cut off or the row broken when copied; compare with the original, fill the cells and send again.`,
  );
}

/** A row has more non-empty cells than there are header columns. */
export function extraCellsError(code: string | null, line: number): PlanIssue {
  const who = code === null ? `Dòng ${line}` : `Dòng STT ${code} (dòng ${line} trong tệp)`;
  const whoEn = code === null ? `Line ${line}` : `Row ${code} (line ${line})`;
  return issue(
    { code, line },
    `${who} có nhiều ô hơn số cột của dòng tiêu đề. Hãy kiểm tra ô bị tách đôi (dấu Tab thừa) rồi gửi lại.`,
    `${whoEn} has more cells than the header has columns. Look for a cell split in two (an extra tab) and send again.`,
  );
}

/** Text that belongs to no row of the table. */
export function strayTextError(line: number, text: string): PlanIssue {
  return issue(
    { line },
    `Đoạn chữ ở dòng ${line} không thuộc dòng nào của bảng: “${snippet(text)}”. Hãy xóa đoạn này hoặc đưa nó vào đúng ô của nhiệm vụ tương ứng.`,
    `Text on line ${line} belongs to no table row: "${snippet(text)}". Delete it or move it into the right cell of its task.`,
  );
}

/** The STT cell is neither a task number nor a group numeral. */
export function badCodeError(line: number, stt: string, header: string): PlanIssue {
  return issue(
    { line, column: header },
    `Ô “${header}” ở dòng ${line} có giá trị “${snippet(stt, 30)}”, không phải số thứ tự nhiệm vụ (1, 2, 1.1, 12a) hay số La Mã của nhóm (I, II). Hãy sửa lại ô này.`,
    `Cell "${header}" on line ${line} holds "${snippet(stt, 30)}", which is neither a task number (1, 2, 1.1, 12a) nor a group numeral (I, II). Fix the cell.`,
  );
}

/** A task without a lead agency. */
export function missingLeadError(code: string, line: number, header: string): PlanIssue {
  return issue(
    { code, line, column: header },
    `Nhiệm vụ STT ${code} (dòng ${line}) chưa có cơ quan chủ trì (cột “${header}”). Hãy điền cơ quan chủ trì rồi gửi lại.`,
    `Task ${code} (line ${line}) has no lead agency (column "${header}"). Fill it in and send again.`,
  );
}

/** Two tasks share one code. */
export function duplicateCodeError(code: string, line: number, firstLine: number): PlanIssue {
  return issue(
    { code, line },
    `STT ${code} bị trùng: đã có ở dòng ${firstLine}, lặp lại ở dòng ${line}. Mỗi nhiệm vụ cần một số thứ tự riêng; hãy đánh số lại.`,
    `Code ${code} is used twice: line ${firstLine} and line ${line}. Each task needs its own number; renumber them.`,
  );
}

/** A task with an empty deadline cell. */
export function emptyDeadlineWarning(code: string, line: number, header: string): PlanIssue {
  return issue(
    { code, line, column: header },
    `Nhiệm vụ STT ${code} (dòng ${line}) để trống cột “${header}”, nên sẽ không được nhắc hạn. Hãy bổ sung thời hạn nếu có.`,
    `Task ${code} (line ${line}) has an empty "${header}" cell, so it gets no deadline reminders. Add a deadline if there is one.`,
  );
}

/** A header was found but no task rows under it. */
export function noRowsError(line: number): PlanIssue {
  return issue(
    { line },
    'Bảng chỉ có dòng tiêu đề, không có nhiệm vụ nào bên dưới. Hãy gửi tệp có đầy đủ các dòng nhiệm vụ.',
    'The table has a header but no task rows. Send the file with its task rows.',
  );
}

/** The text announces a different number of tasks than the table holds. */
export function announcedTasksWarning(
  announced: number,
  found: number,
  noun: 'mô hình' | 'nhiệm vụ',
): PlanIssue {
  const nounEn = noun === 'mô hình' ? 'models' : 'tasks';
  return issue(
    {},
    `Văn bản nêu ${announced} ${noun} nhưng bảng có ${found}. Hãy đối chiếu bản gốc xem có thiếu hoặc thừa dòng không.`,
    `The document announces ${announced} ${nounEn} but the table has ${found}. Check the original for missing or extra rows.`,
  );
}

/** The text announces a different number of groups than the table holds. */
export function announcedGroupsWarning(announced: number, found: number): PlanIssue {
  return issue(
    {},
    `Văn bản nêu ${announced} nhóm nhiệm vụ nhưng bảng có ${found} nhóm. Hãy đối chiếu bản gốc xem có thiếu dòng tiêu đề nhóm không.`,
    `The document announces ${announced} task groups but the table has ${found}. Check the original for a missing group heading.`,
  );
}

/** A report as CSV (RFC 4180) or as an xlsx workbook (through `exceljs`). */
import ExcelJS from "exceljs"
import type { Cell, Report } from "./reports.js"

/** A CSV field: quoted (its quotes doubled) when it holds a quote, comma, CR or LF, or starts or ends with a space. */
export const csvField = (cell: Cell): string => {
  const text = typeof cell === "string" ? cell : String(cell)
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The report as CSV (RFC 4180): a header line, then one line per row, every line ended with CRLF. */
export const toCsv = (report: Report): string =>
  [report.columns, ...report.rows].map((row) => `${row.map(csvField).join(",")}\r\n`).join("")

/** The report as an xlsx workbook of one sheet named `sheet`: a bold, frozen header row; numbers as numbers. */
export const toXlsx = async (report: Report, sheet: string): Promise<Uint8Array> => {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = "jatim (operator CLI)"
  const worksheet = workbook.addWorksheet(sheet.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] })
  worksheet.addRow([...report.columns]).font = { bold: true }
  for (const row of report.rows) worksheet.addRow([...row])
  report.columns.forEach((column, i) => {
    worksheet.getColumn(i + 1).width = Math.min(60, Math.max(10, column.length + 2))
  })
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

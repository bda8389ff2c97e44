import assert from 'node:assert/strict';
import test from 'node:test';
import { buildOpenAIFileName } from './build-openai-file-name.ts';
import { parseOpenAIFileData } from './parse-openai-file-data.ts';

test('parseOpenAIFileData: a base64 data URL gives its media type; bare base64 is typed by the filename', () => {
  assert.deepEqual(parseOpenAIFileData('data:application/pdf;base64,JVBE', 'x.txt'), { mediaType: 'application/pdf', data: 'JVBE' });
  assert.deepEqual(parseOpenAIFileData('data:Text/CSV;charset=utf-8;base64,YSxi', undefined), { mediaType: 'text/csv', data: 'YSxi' });
  assert.deepEqual(parseOpenAIFileData('data:;base64,YQ==', 'a.md'), { mediaType: 'text/markdown', data: 'YQ==' });
  assert.deepEqual(parseOpenAIFileData('JVBE', undefined), { mediaType: 'application/pdf', data: 'JVBE' });
  assert.deepEqual(parseOpenAIFileData('JVBE', 'REPORT.PDF'), { mediaType: 'application/pdf', data: 'JVBE' });
  assert.deepEqual(parseOpenAIFileData('AAAA', 'archive.zip'), { mediaType: 'application/octet-stream', data: 'AAAA' });
  assert.equal(parseOpenAIFileData('data:text/plain,hello', undefined), undefined);
  assert.equal(parseOpenAIFileData('data:application/pdf;base64', undefined), undefined);
});

test('buildOpenAIFileName: its own name, else document.<extension of the media type>, else document', () => {
  const file = (mediaType: string, filename?: string) => ({
    type: 'file' as const,
    source: { kind: 'base64' as const, mediaType, data: 'AA' },
    ...(filename === undefined ? {} : { filename }),
  });
  assert.equal(buildOpenAIFileName(file('application/pdf', 'q3.pdf')), 'q3.pdf');
  assert.equal(buildOpenAIFileName(file('application/pdf')), 'document.pdf');
  assert.equal(buildOpenAIFileName(file('text/plain')), 'document.txt');
  assert.equal(buildOpenAIFileName(file('application/x-unknown')), 'document');
  assert.equal(buildOpenAIFileName({ type: 'file', source: { kind: 'url', url: 'https://example.com/a' } }), 'document');
});
